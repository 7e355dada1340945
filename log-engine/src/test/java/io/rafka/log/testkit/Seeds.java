package io.rafka.log.testkit;

import java.util.Random;

/**
 * Seeds for randomised tests: {@code -Drafka.seed=N} replays one run; otherwise a fresh seed is
 * drawn. Tests print the seed and put it in every failure message.
 */
public final class Seeds {

    public static final String PROPERTY = "rafka.seed";

    private Seeds() {}

    /** The seed given on the command line, or a new random one. */
    public static long seed() {
        String given = System.getProperty(PROPERTY);
        return given != null ? Long.parseLong(given) : new Random().nextLong();
    }

    public static boolean isFixed() {
        return System.getProperty(PROPERTY) != null;
    }

    public static String reproduce(String testClass, long seed) {
        return "seed " + seed + " (reproduce: mvn -B -o -pl log-engine verify -Dtest=" + testClass + " -D" + PROPERTY
                + "=" + seed + ")";
    }
}
