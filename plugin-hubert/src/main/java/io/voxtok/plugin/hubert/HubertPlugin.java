package io.voxtok.plugin.hubert;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.teacher.TeacherFactory;
import java.util.List;

/** The HuBERT plugin: contributes the {@code hubert} teacher. */
public final class HubertPlugin implements VoxtokPlugin {
    @Override
    public List<TeacherFactory> teachers() {
        return List.of(new HubertTeacherFactory());
    }
}
