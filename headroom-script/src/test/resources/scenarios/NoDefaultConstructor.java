import io.headroom.script.Scenario;
import io.headroom.script.Vu;

public final class NoDefaultConstructor implements Scenario {
    private final String name;

    public NoDefaultConstructor(String name) {
        this.name = name;
    }

    public void iteration(Vu vu) {
        vu.vars().put("name", name);
    }
}
