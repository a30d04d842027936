package io.voxtok.plugin.phoneteacher;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.teacher.TeacherFactory;

import java.util.List;

/** The phone-teacher plugin: contributes the {@code phone-teacher} teacher (its training recipe is a service). */
public final class PhoneTeacherPlugin implements VoxtokPlugin {
    @Override
    public List<TeacherFactory> teachers() {
        return List.of(new PhoneTeacherFactory());
    }
}
