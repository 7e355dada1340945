package io.rafka.broker.config;

import java.util.Locale;

/** A value of {@code process.roles}. */
public enum ProcessRole {
    BROKER,
    CONTROLLER;

    /** The spelling used in configuration files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
