package io.lagzero.control.cutover;

/** The steps of a cutover, in order; {@link #ABORTED} when it gave up and unfroze the source. */
public enum CutoverState {
    PREFLIGHT, READY, FROZEN, DRAINED, SWITCHED, ABORTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
