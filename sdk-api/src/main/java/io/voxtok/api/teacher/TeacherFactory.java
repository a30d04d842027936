package io.voxtok.api.teacher;

import io.voxtok.api.ComponentFactory;

/** Creates {@link Teacher}s. */
public interface TeacherFactory extends ComponentFactory<Teacher> {
}
