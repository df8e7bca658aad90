package io.headroom.script.plan;

import io.headroom.script.BatchRequest;
import io.headroom.script.Http;
import io.headroom.script.Response;
import io.headroom.script.Vu;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code batch: [request steps]}: k6's {@code http.batch}, the requests sent at once (over HTTP/2 as concurrent
 * streams of one connection) and each recorded, extracted from and checked as its own request step, in the order
 * written. Only request steps ({@code get}, {@code post}, ..., {@code request}) may stand in a batch; at most
 * {@link Http#MAX_BATCH_REQUESTS}. Stateless.
 */
final class BatchStepReader implements StepReader {
    private static final KeyTable<Void> KEYS = KeyTable.of("batch");

    @Override
    public List<String> kinds() {
        return List.of("batch");
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        KEYS.reportUnknown(r, map, path);
        String listPath = path + ".batch";
        if (!(kind.value() instanceof YList list) || list.items().isEmpty()) {
            r.error(kind.value(), listPath, "expected a list of request steps (get, post, ..., request), found "
                    + (kind.value() instanceof YList ? "an empty list" : "no list"));
            return Optional.empty();
        }
        if (list.items().size() > Http.MAX_BATCH_REQUESTS) {
            r.error(kind.value(), listPath, "a batch takes at most " + Http.MAX_BATCH_REQUESTS + " requests, found "
                    + list.items().size() + " (docs/limits.md)");
            return Optional.empty();
        }
        int before = flow.ctx.problems.size();
        RequestStepReader requests = new RequestStepReader();
        List<FlowStep.Request> steps = new ArrayList<>(list.items().size());
        for (int i = 0; i < list.items().size(); i++) {
            YNode item = list.items().get(i);
            String itemPath = listPath + "[" + i + "]";
            Optional<YMap> itemMap = r.map(item, itemPath, "a request step (get: URL, post: URL, ..., or request: {...})");
            if (itemMap.isEmpty()) continue;
            YEntry itemKind = null;
            for (YEntry e : itemMap.get().entries()) {
                if (requests.kinds().contains(e.key())) {
                    itemKind = e;
                    break;
                }
            }
            if (itemKind == null) {
                String first = itemMap.get().entries().isEmpty() ? "nothing" : "'" + itemMap.get().entries().get(0).key() + "'";
                r.error(item, itemPath, "a batch holds request steps only (" + String.join(", ", requests.kinds())
                        + "), found " + first);
                continue;
            }
            requests.read(flow, itemMap.get(), itemKind, itemPath).ifPresent(s -> steps.add((FlowStep.Request) s));
        }
        if (flow.ctx.problems.size() > before || steps.size() != list.items().size()) return Optional.empty();
        return Optional.of(new Batch(List.copyOf(steps)));
    }

    /** The requests of one {@code batch} step, sent together; each response goes to its own step's extractions and checks. */
    record Batch(List<FlowStep.Request> requests) implements FlowStep {
        @Override
        public boolean sendsOnlyOverHttp() {
            return true;
        }

        public void run(Vu vu) {
            int n = requests.size();
            List<BatchRequest> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) batch.add(requests.get(i).toBatchRequest(vu));
            List<Response> responses = vu.http().batch(batch);
            for (int i = 0; i < n; i++) requests.get(i).afterResponse(vu, responses.get(i));
        }
    }
}
