package io.lagzero.e2e;

class PostgresCutoverTest extends AbstractCutoverTest {
    @Override
    protected Target startTarget() {
        return Target.postgres("shop");
    }
}
