package io.voxtok.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.token.LayerRange;
import io.voxtok.bench.subject.SubjectSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubjectSpecTest {
    @Test
    void parsesLayerSelectionsUnitsAndPlainNames() {
        SubjectSpec a = SubjectSpec.parse("speechtokenizer-small:rvq1");
        assertEquals("speechtokenizer-small", a.name());
        assertEquals(Optional.of(LayerRange.of(0, 1)), a.layers());
        assertEquals(Optional.of(LayerRange.of(0, 8)), SubjectSpec.parse("codec-small-nodistill:rvq1-8").layers());
        assertEquals(Optional.of(LayerRange.of(1, 8)), SubjectSpec.parse("x:rvq2-8").layers());
        SubjectSpec v = SubjectSpec.parse("speechtokenizer:default");
        assertEquals("speechtokenizer:default", v.name());
        assertTrue(v.layers().isEmpty());
        SubjectSpec u = SubjectSpec.parse("units:phone-teacher@2");
        assertTrue(u.units());
        assertEquals("phone-teacher", u.name());
        assertEquals(Optional.of("2"), u.teacherLayer());
        assertFalse(SubjectSpec.parse("mulaw").units());
        assertEquals("units_phone-teacher_2", u.slug());
        assertThrows(IllegalArgumentException.class, () -> SubjectSpec.parse("x:rvq3-2"));
        assertThrows(IllegalArgumentException.class, () -> SubjectSpec.parse("units:"));
    }
}
