package io.rafka.chaos.nemesis;

/**
 * One injected fault: what, to whom, and when it was active (milliseconds since the run started).
 *
 * @param failoverMs for a kill of the active controller: time from the kill until another node reported
 *                   itself active controller; -1 otherwise or if none did in time
 */
public record FaultWindow(FaultKind kind, String targets, long startMs, long endMs, long failoverMs) { }
