import io.headroom.script.Scenario;
import io.headroom.script.Vu;

public final class Broken implements Scenario {
    public void iteration(Vu vu) {
        vu.http().get(undefinedUrl);
        int x = "text";
    }
}
