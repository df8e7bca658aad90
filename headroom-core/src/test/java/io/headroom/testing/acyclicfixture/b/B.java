package io.headroom.testing.acyclicfixture.b;

/** The bottom of the one-way fixture: depends on nothing of it. */
public final class B {
    public int n;
}
