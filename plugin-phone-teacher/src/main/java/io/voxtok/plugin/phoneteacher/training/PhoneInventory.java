package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.PhoneSegment;

import java.util.List;
import java.util.TreeSet;

/** The phone inventory of a training split: the sorted set of every phone in its alignments. */
public final class PhoneInventory {
    private PhoneInventory() {
    }

    /**
     * The sorted, distinct phones of {@code entries}' alignments.
     *
     * @throws VoxtokException USER_INPUT naming the item and its file when an entry has no alignment
     */
    public static List<String> of(List<CorpusEntry> entries) {
        TreeSet<String> phones = new TreeSet<>();
        for (CorpusEntry e : entries) {
            if (e.alignment().isEmpty()) {
                throw VoxtokException.userInput("training item '" + e.id() + "' (" + e.audioPath() + ") has no phone "
                        + "alignment; the phone teacher trains on a manifest with 'alignment' fields");
            }
            for (PhoneSegment s : e.alignment().get().segments()) {
                phones.add(s.phone());
            }
        }
        if (phones.isEmpty()) {
            throw VoxtokException.userInput("the training split has no phones in its alignments");
        }
        return List.copyOf(phones);
    }
}
