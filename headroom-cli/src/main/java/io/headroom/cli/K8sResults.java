package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.ResultsIndex;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files a Kubernetes run's coordinator sent back, written on this machine: all of them under
 * {@code <results folder>/k8s/<run id>/}, the summary also added to the results index (so {@code compare} and
 * {@code trend} see the run), and each also where {@code --json}, {@code --html}, {@code --junit} asked.
 */
final class K8sResults {
    private K8sResults() {}

    /** Writes them; returns false when one could not be written (a warning on {@code err} says which). */
    static boolean save(Map<String, byte[]> files, String runId, int exitCode, ResultsIndex index, int keepRuns,
                        Map<String, Path> copies, PrintWriter err) {
        if (files.isEmpty()) {
            err.println("headroom: the coordinator sent no results back");
            err.flush();
            return true;
        }
        boolean ok = true;
        Path dir = index.dir().resolve("k8s").resolve(runId);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) Files.write(dir.resolve(f.getKey()), f.getValue());
            err.println("headroom: the coordinator's files " + String.join(", ", files.keySet()) + " are in " + dir);
        } catch (IOException e) {
            err.println("headroom: WARNING: cannot write the run's files to " + dir + ": " + e.getMessage());
            ok = false;
        }
        for (Map.Entry<String, Path> c : copies.entrySet()) {
            byte[] bytes = files.get(c.getKey());
            if (bytes == null || c.getValue() == null) continue;
            try {
                Path parent = c.getValue().toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.write(c.getValue(), bytes);
            } catch (IOException e) {
                err.println("headroom: WARNING: cannot write " + c.getValue() + ": " + e.getMessage());
                ok = false;
            }
        }
        byte[] summary = files.get("summary.json");
        if (summary != null && Files.isRegularFile(dir.resolve("summary.json"))) {
            try {
                RunResult result = io.headroom.report.JsonSummary.read(dir.resolve("summary.json"));
                ResultsIndex.Appended a = index.append(result, exitCode, keepRuns, w -> ResultsDirOption.warn(err, w));
                err.println("headroom: run " + a.entry().runId() + " kept in the results index " + index.indexFile());
            } catch (IOException | RuntimeException e) {
                ResultsDirOption.warn(err, "this run was not added to the results index " + index.indexFile() + ": " + e.getMessage());
            }
        }
        err.flush();
        return ok;
    }
}
