package dev.dl4jlab.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: the compare chart's rotated labels drifted onto the neighbouring bar (8 bars, 7 labels). Read from the
 * chart's layout, not its pixels: every run has exactly one label, on its own bar's row, whatever the count and names.
 */
@Tag("fast")
class BarChartTest {

    private static List<BarChart.Bar> bars(int count, int nameLength) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // names that differ at both ends, like "<sweep>/<stamp>#<n>@<epochs> (valid)", of exactly nameLength characters
            String head = String.format(Locale.ROOT, "r%02d-", i);
            String tail = String.format(Locale.ROOT, "#%02d (valid)", i);
            String filler = "flowers-multiclass-lr-epochs/20261123-120000".repeat(4);
            String name = nameLength < head.length() + tail.length() ? (head + "abcdefghij").substring(0, nameLength)
                    : head + filler.substring(0, nameLength - head.length() - tail.length()) + tail;
            assertEquals(nameLength, name.length());
            bars.add(new BarChart.Bar(name, (i * 37 % 100) / 100.0));
        }
        return bars;
    }

    @ParameterizedTest
    @CsvSource({"2, 10", "8, 10", "8, 60", "30, 10", "30, 60", "30, 140"})
    void everyRunHasExactlyOneLabelOnItsOwnBar(int count, int nameLength) {
        List<BarChart.Bar> bars = bars(count, nameLength);
        BarChart.Layout layout = BarChart.layout(bars);
        assertEquals(count, layout.rows().size(), "one row per run");
        List<String> labels = layout.rows().stream().map(BarChart.Row::label).toList();
        assertEquals(count, labels.stream().distinct().count(), "labels tell every run apart: " + labels);
        for (int i = 0; i < count; i++) {
            BarChart.Row row = layout.rows().get(i);
            String name = bars.get(i).label();
            if (name.length() <= BarChart.MAX_LABEL_CHARS) {
                assertEquals(name, row.label(), "the label is the run's whole name");
            } else {
                String[] ends = row.label().split("…");
                assertTrue(name.startsWith(ends[0]) && name.endsWith(ends[1]), row.label());
            }
            assertEquals(Math.round(Math.max(0, Math.min(1, bars.get(i).value())) * BarChart.PLOT_WIDTH), row.length(),
                    "the bar's length is its own value");
            assertEquals(String.format(Locale.ROOT, "%.4f", bars.get(i).value()), row.value());
        }
        List<Integer> ys = layout.rows().stream().map(BarChart.Row::y).toList();
        assertTrue(IntStream.range(1, ys.size()).allMatch(i -> ys.get(i) - ys.get(i - 1) == BarChart.ROW), "rows do not overlap: " + ys);
        assertTrue(layout.rows().get(count - 1).y() + BarChart.ROW / 2 <= layout.height(), "the last row is inside the picture");
        assertTrue(BarChart.draw("t", "accuracy", bars).getWidth() >= layout.plotLeft() + BarChart.PLOT_WIDTH, "the plot fits");
    }

    @ParameterizedTest
    @CsvSource({"2", "30"})
    void theAxisCarriesReadableTicksOverTheWholeRange(int count) {
        BarChart.Layout layout = BarChart.layout(bars(count, 20));
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), layout.ticks().stream().map(BarChart.Tick::text).toList());
        assertEquals(layout.plotLeft(), layout.ticks().get(0).x());
        assertEquals(layout.plotLeft() + BarChart.PLOT_WIDTH, layout.ticks().get(5).x());
    }
}
