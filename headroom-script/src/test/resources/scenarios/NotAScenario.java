public final class NotAScenario {
    public void iteration() {
    }
}
