package io.lagzero.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server for tests, started and stopped by JUnit. On a static {@code @RegisterExtension}
 * field it runs from before the class's first test (and its {@code @BeforeAll} methods) until after
 * its last; on an instance field, around each test. Servers of several extensions stop in the
 * reverse order they started, whatever fails.
 *
 * @param <S> the server
 */
public abstract class ServerExtension<S extends AutoCloseable>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Supplier<S> starter;
    private S server;
    private boolean forTheClass;

    protected ServerExtension(Supplier<S> starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        forTheClass = true;
        server = starter.get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            server = starter.get();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!forTheClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        forTheClass = false;
    }

    /** The running server. */
    public S get() {
        if (server == null) {
            throw new IllegalStateException("The server is not running: register " + getClass().getSimpleName()
                    + " with @RegisterExtension, and use it from a test or a @BeforeAll/@BeforeEach method");
        }
        return server;
    }

    private void stop() throws Exception {
        S running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }
}
