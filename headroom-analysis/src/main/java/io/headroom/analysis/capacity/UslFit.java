package io.headroom.analysis.capacity;

import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

import java.util.Comparator;
import java.util.List;

/**
 * A Universal Scalability Law fitted to measured load points by nonlinear least squares (Hipparchus
 * Levenberg–Marquardt), with its goodness of fit. Parameters are kept in their valid ranges
 * (λ > 0, 0 ≤ σ ≤ 1, κ ≥ 0) during the search. Immutable.
 */
public record UslFit(UslModel model, double rSquared, int points, double maxMeasuredConcurrency,
                     double maxMeasuredThroughput) {

    /** Fits the USL; needs at least three points at three different concurrencies. */
    public static UslFit fit(List<LoadPoint> points) {
        if (points.stream().map(LoadPoint::concurrency).distinct().count() < 3) {
            throw new IllegalArgumentException("the USL needs load points at three or more concurrencies, got "
                    + points.stream().map(LoadPoint::concurrency).distinct().count());
        }
        double[] n = points.stream().mapToDouble(LoadPoint::concurrency).toArray();
        double[] x = points.stream().mapToDouble(LoadPoint::throughputPerSecond).toArray();
        // λ starts at the best per-user throughput seen at the lowest load, which USL fits start from.
        LoadPoint lowest = points.stream().min(Comparator.comparingDouble(LoadPoint::concurrency)).orElseThrow();
        double lambda0 = Math.max(1e-9, lowest.throughputPerSecond() / lowest.concurrency());
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(new double[] {lambda0, 0.05, 0.001})
                .model(p -> {
                    double l = p.getEntry(0), s = p.getEntry(1), k = p.getEntry(2);
                    RealVector value = new ArrayRealVector(n.length);
                    RealMatrix jacobian = new Array2DRowRealMatrix(n.length, 3);
                    for (int i = 0; i < n.length; i++) {
                        double d = 1 + s * (n[i] - 1) + k * n[i] * (n[i] - 1);
                        value.setEntry(i, l * n[i] / d);
                        jacobian.setEntry(i, 0, n[i] / d);
                        jacobian.setEntry(i, 1, -l * n[i] * (n[i] - 1) / (d * d));
                        jacobian.setEntry(i, 2, -l * n[i] * n[i] * (n[i] - 1) / (d * d));
                    }
                    return new Pair<>(value, jacobian);
                })
                .target(x)
                .parameterValidator(p -> {
                    RealVector v = p.copy();
                    v.setEntry(0, Math.max(1e-9, v.getEntry(0)));
                    v.setEntry(1, Math.min(1, Math.max(0, v.getEntry(1))));
                    v.setEntry(2, Math.max(0, v.getEntry(2)));
                    return v;
                })
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        RealVector p = optimum.getPoint();
        UslModel model = new UslModel(p.getEntry(0), p.getEntry(1), p.getEntry(2));
        double mean = 0;
        for (double v : x) mean += v / x.length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < n.length; i++) {
            ssRes += Math.pow(x[i] - model.throughput(n[i]), 2);
            ssTot += Math.pow(x[i] - mean, 2);
        }
        double r2 = ssTot == 0 ? 0 : 1 - ssRes / ssTot;
        return new UslFit(model, r2, n.length, java.util.Arrays.stream(n).max().orElse(0),
                java.util.Arrays.stream(x).max().orElse(0));
    }
}
