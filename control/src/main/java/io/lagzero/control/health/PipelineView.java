package io.lagzero.control.health;

/** What a running pipeline shows over HTTP: its status and its metrics. */
public interface PipelineView {
    PipelineStatus status();

    /** Every meter in the Prometheus text format. */
    String prometheusText();
}
