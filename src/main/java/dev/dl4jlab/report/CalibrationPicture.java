package dev.dl4jlab.report;

import dev.dl4jlab.train.Calibration;
import dev.dl4jlab.train.Metrics;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * calibration.png: the reliability diagram (per probability bin, how often the model was right against how sure it
 * was; on the diagonal is calibrated, below it over-confident) above the histogram of its predicted probabilities,
 * which says how many examples each point of the diagram stands for.
 */
public final class CalibrationPicture {
    private static final int HISTOGRAM_HEIGHT = 210;
    private static final int PAD = 14;

    private CalibrationPicture() {
    }

    public static BufferedImage draw(Metrics m) {
        Calibration calibration = m.calibration();
        boolean binary = m.threshold() != null;
        List<Calibration.Bin> bins = calibration.bins();
        double[] x = bins.stream().mapToDouble(Calibration.Bin::meanPredicted).toArray();
        double[] y = bins.stream().mapToDouble(Calibration.Bin::fractionPositive).toArray();
        String model = binary ? "share of " + m.classNames().get(1) + " per bin" : "share right per bin";
        BufferedImage diagram = LineChart.draw(LineChart.layout(String.format(Locale.ROOT,
                        "reliability on %s: expected calibration error %.4f", m.split(), calibration.ece()),
                binary ? "predicted probability of " + m.classNames().get(1) + " (bin mean)" : "probability of the predicted class (bin mean)",
                false, false, binary ? "share that is " + m.classNames().get(1) : "share predicted right", false,
                List.of(new LineChart.Series(model, x, y),
                        new LineChart.Series("calibrated (diagonal)", new double[]{0, 1}, new double[]{0, 1}, true))));
        BufferedImage image = new BufferedImage(diagram.getWidth(), diagram.getHeight() + HISTOGRAM_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.drawImage(diagram, 0, 0, null);
        histogram(g, bins, diagram.getWidth(), diagram.getHeight(), binary ? "predicted probability of " + m.classNames().get(1)
                : "probability of the predicted class");
        g.dispose();
        return image;
    }

    /** Examples per bin of width 1/{@value Calibration#BINS} over [0, 1], as bars with their counts. */
    private static void histogram(Graphics2D g, List<Calibration.Bin> bins, int width, int top, String axis) {
        FontMetrics metrics = g.getFontMetrics(Canvas.TEXT);
        int left = 70;
        int right = width - 260;
        int plotTop = top + 30;
        int bottom = top + HISTOGRAM_HEIGHT - 44;
        int most = bins.stream().mapToInt(Calibration.Bin::examples).max().orElse(1);
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString("examples per bin (" + bins.stream().mapToInt(Calibration.Bin::examples).sum() + " in all)", left, top + 18);
        g.setFont(Canvas.TEXT);
        for (Calibration.Bin bin : bins) {
            int x0 = left + (int) Math.round(bin.from() * (right - left));
            int x1 = left + (int) Math.round(bin.to() * (right - left));
            int h = (int) Math.round((double) bin.examples() / most * (bottom - plotTop - 14));
            g.setColor(new Color(70, 110, 200));
            g.fillRect(x0 + 2, bottom - h, x1 - x0 - 4, h);
            g.setColor(Color.DARK_GRAY);
            String count = String.valueOf(bin.examples());
            g.drawString(count, (x0 + x1 - metrics.stringWidth(count)) / 2, bottom - h - 3);
        }
        g.drawLine(left, bottom, right, bottom);
        for (int t = 0; t <= 10; t += 2) {
            String text = String.format(Locale.ROOT, "%.1f", t / 10.0);
            int x = left + (right - left) * t / 10;
            g.drawString(text, x - metrics.stringWidth(text) / 2, bottom + 16);
        }
        g.drawString(axis, (left + right - metrics.stringWidth(axis)) / 2, bottom + 34);
        g.setColor(Color.GRAY);
        g.drawLine(PAD, top + 4, width - PAD, top + 4);
    }
}
