package io.lagzero.e2e;

class MariaDbCutoverTest extends AbstractCutoverTest {
    @Override
    protected Target startTarget() {
        return Target.mariaDb("shop");
    }
}
