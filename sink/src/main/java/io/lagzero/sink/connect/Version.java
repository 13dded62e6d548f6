package io.lagzero.sink.connect;

/** The plugin version, from the jar manifest's Implementation-Version. */
final class Version {
    private static final String UNKNOWN = "0.1.0-SNAPSHOT";

    private Version() {
    }

    static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? UNKNOWN : version;
    }
}
