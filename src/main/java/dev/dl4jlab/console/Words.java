package dev.dl4jlab.console;

import java.util.Locale;

/** Counted nouns in messages: "1 epoch", "3 epochs", "12,000 images". */
public final class Words {
    private Words() {
    }

    /** {@code n} and the noun, plural unless {@code n} is 1 (regular plurals: "epochs", "classes"). */
    public static String count(long n, String noun) {
        boolean sibilant = noun.endsWith("s") || noun.endsWith("x");
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : sibilant ? "es" : "s");
    }
}
