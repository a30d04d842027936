package io.voxtok.data.synth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates grammatical English sentences for synthetic corpora from a small hand-written grammar: eight
 * sentence templates (statements, a question, a modal clause) whose slots are filled from word lists of common
 * English words grouped by meaning (people, names, animals, objects, places, times, verbs with their objects),
 * so sentences are grammatical and mostly plausible ("The tired farmer carried the heavy basket after
 * dinner."). The grammar and word lists were written for Voxtok (no third-party text, no licence
 * restrictions); the output is determined by the seed alone. Sentences are 5 to 14 words, with words chosen
 * to be in the CMU pronouncing dictionary that flite and recognisers use.
 */
public final class SentenceGenerator {
    private static final String[] PERSON = {"man", "woman", "boy", "girl", "teacher", "doctor", "farmer", "driver",
        "student", "sailor", "baker", "painter", "nurse", "soldier", "writer", "singer", "child", "neighbor",
        "captain", "king", "queen", "fisherman", "waiter", "pilot", "lawyer"};
    private static final String[] PERSON_ADJ = {"young", "old", "tall", "tired", "happy", "quiet", "angry", "kind",
        "brave", "clever", "busy", "careful", "hungry", "lazy", "proud", "friendly", "nervous", "polite"};
    private static final String[] NAME = {"John", "Mary", "Peter", "Susan", "David", "Anna", "Robert", "Linda",
        "James", "Helen", "Thomas", "Alice", "George", "Emma", "Frank", "Laura", "Henry", "Grace", "Paul", "Kate",
        "Michael", "Sarah", "Daniel", "Rachel"};
    private static final String[] RELATIVE = {"brother", "sister", "father", "mother", "uncle", "aunt", "cousin",
        "grandmother", "grandfather", "son", "daughter", "wife", "husband"};
    private static final String[] ANIMAL = {"dog", "cat", "horse", "bird", "fox", "cow", "sheep", "goat", "rabbit",
        "duck", "mouse", "pony"};
    private static final String[] ANIMAL_VERB = {"ran", "slept", "waited", "played", "hid", "jumped", "rested",
        "sat", "stood", "barked"};
    private static final String[] OBJECT = {"book", "letter", "basket", "box", "lamp", "key", "coat", "hat", "cup",
        "bottle", "bag", "map", "knife", "chair", "ball", "bread", "apple", "ticket", "picture", "rope", "bucket",
        "blanket", "clock", "pencil", "newspaper", "suitcase", "umbrella", "mirror", "candle", "jacket"};
    private static final String[] OBJECT_ADJ = {"old", "new", "small", "large", "heavy", "red", "green", "blue",
        "yellow", "wooden", "broken", "empty", "clean", "dirty", "warm", "cold", "bright", "dark", "soft", "little",
        "black", "white", "strange", "cheap"};
    private static final String[] PLACE = {"the kitchen", "the garden", "the market", "the station", "the river",
        "the church", "the school", "the village", "the harbor", "the library", "the bridge", "the forest",
        "the hill", "the farm", "the office", "the shop", "the field", "the beach", "the hotel", "the hospital",
        "the museum", "the castle", "the bakery", "the airport"};
    private static final String[] NEAR = {"near", "behind", "in front of", "next to", "far from", "outside"};
    private static final String[] TIME = {"this morning", "last night", "in the evening", "at noon", "on Monday",
        "after dinner", "before breakfast", "every day", "in the spring", "during the storm", "yesterday",
        "at dawn", "on Sunday", "in the winter", "before the rain", "last summer", "on Friday", "after lunch",
        "at midnight", "every week"};
    /** Transitive verbs: past tense and base form, taking a portable object. */
    private static final String[][] VERB_T = {{"carried", "carry"}, {"found", "find"}, {"dropped", "drop"},
        {"bought", "buy"}, {"sold", "sell"}, {"cleaned", "clean"}, {"painted", "paint"}, {"opened", "open"},
        {"lost", "lose"}, {"took", "take"}, {"moved", "move"}, {"brought", "bring"}, {"hid", "hide"},
        {"washed", "wash"}, {"fixed", "fix"}, {"borrowed", "borrow"}, {"wrapped", "wrap"}, {"picked up", "pick up"},
        {"forgot", "forget"}, {"kept", "keep"}, {"gave away", "give away"}, {"looked for", "look for"}};
    private static final String[] MOTION = {"walked", "ran", "drove", "hurried", "went", "came back", "wandered",
        "rode", "sailed", "returned", "traveled", "rushed"};
    private static final String[] ADVERB = {"slowly", "quickly", "quietly", "carefully", "happily", "early", "late",
        "alone", "together", "again", "silently", "eagerly"};
    private static final String[] MODAL = {"will", "should", "must", "can", "could", "might"};
    private static final String[] EVENT = {"the guests arrive", "it gets dark", "the train leaves", "we go home",
        "the shop closes", "the rain starts", "the children wake up", "the meeting begins", "the sun goes down",
        "our friends come"};

    private final SplittableRandom random;

    /** A generator whose output is fixed by {@code seed}. */
    public SentenceGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} distinct sentences, in generation order. */
    public List<String> distinct(int count) {
        Set<String> out = new LinkedHashSet<>();
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > count * 50) {
                throw new IllegalStateException("grammar cannot produce " + count + " distinct sentences");
            }
            out.add(next());
        }
        return new ArrayList<>(out);
    }

    /** One sentence (may repeat an earlier one). */
    public String next() {
        return switch (random.nextInt(8)) {
            case 0 -> cap("the " + pick(PERSON_ADJ) + " " + pick(PERSON) + " " + pick(VERB_T)[0] + " the "
                    + pick(OBJECT_ADJ) + " " + pick(OBJECT) + " " + pick(TIME)) + ".";
            case 1 -> pick(NAME) + " " + pick(VERB_T)[0] + " " + article(pick(OBJECT_ADJ)) + " " + pick(OBJECT)
                    + " at " + pick(PLACE) + ".";
            case 2 -> cap("the " + pick(ANIMAL) + " " + pick(ANIMAL_VERB) + " " + pick(NEAR) + " " + pick(PLACE)
                    + " " + pick(TIME)) + ".";
            case 3 -> twoNames() + " " + pick(MOTION) + " to " + pick(PLACE) + " " + pick(TIME) + ".";
            case 4 -> "Did the " + pick(PERSON) + " " + pick(VERB_T)[1] + " the " + pick(OBJECT) + " " + pick(TIME) + "?";
            case 5 -> "We " + pick(MODAL) + " " + pick(VERB_T)[1] + " the " + pick(OBJECT_ADJ) + " " + pick(OBJECT)
                    + " before " + pick(EVENT) + ".";
            case 6 -> "There was " + article(pick(OBJECT_ADJ)) + " " + pick(OBJECT) + " on the table in "
                    + pick(PLACE) + ".";
            default -> "My " + pick(RELATIVE) + " " + pick(MOTION) + " " + pick(ADVERB) + " to " + pick(PLACE) + ".";
        };
    }

    private String twoNames() {
        String a = pick(NAME);
        String b = pick(NAME);
        while (b.equals(a)) {
            b = pick(NAME);
        }
        return a + " and " + b;
    }

    private static String article(String adjective) {
        return ("aeiou".indexOf(adjective.charAt(0)) >= 0 ? "an " : "a ") + adjective;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private <T> T pick(T[] xs) {
        return xs[random.nextInt(xs.length)];
    }
}
