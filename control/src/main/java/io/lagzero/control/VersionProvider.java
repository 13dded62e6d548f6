package io.lagzero.control;

import io.lagzero.sink.connect.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code lagzero --version}: the version the sink plugin reports too. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"lagzero " + Version.current()};
    }
}
