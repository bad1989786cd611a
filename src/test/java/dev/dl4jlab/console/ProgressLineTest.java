package dev.dl4jlab.console;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 26: counted work shows its share, rate and time left; a bar redrawn with \r on a terminal, plain lines elsewhere. */
@Tag("fast")
class ProgressLineTest {

    @Test
    void aMeterLineHasTheShareTheRateAndTheTimeLeft() {
        assertEquals("  decoding  2,000/8,000 images  [======>                 ]  25%  400 images/s  ETA 0:15",
                ProgressLine.render("  decoding", 2_000, 0, 8_000, "images", 5.0, true));
        assertEquals("  decoding  2,000/8,000 images  25%  400 images/s  ETA 0:15",
                ProgressLine.render("  decoding", 2_000, 0, 8_000, "images", 5.0, false), "no bar in a log");
        assertEquals("epoch 3/60  0/600 batches  0%", ProgressLine.render("epoch 3/60", 0, 0, 600, "batches", 0.0, false),
                "no rate before the first batch");
        assertEquals("  decoding  6,000/8,000 images  75%  1,000 images/s  ETA 0:02",
                ProgressLine.render("  decoding", 6_000, 4_000, 8_000, "images", 2.0, false), "the rate of this part's 2,000");
        assertEquals("1:02:03", ProgressLine.duration(3723));
        assertEquals("0:07", ProgressLine.duration(6.6));
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(out), true);
        line.meter("  decoding", 10, "images").at(3);
        line.done("  decoded 10 images");
        assertTrue(out.toString().startsWith("\r  decoding  3/10 images  ["), out.toString());
        assertTrue(out.toString().contains("\r  decoded 10 images"), "the finished line overwrites the bar: " + out);
    }

    /** A newcomer's 80-column terminal: a 97-character batch line wrapped, and each redraw left a line behind. */
    @Test
    void aLiveLineFitsTheTerminalsWidth() {
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(out), true, 80);
        String live = "epoch 1/1  586/600 batches  [=======================>]  98%  546 batches/s  ETA 0:00  loss 0.3171";
        line.update(live);
        assertEquals("\repoch 1/1  586/600 batches  98%  546 batches/s  ETA 0:00  loss 0.3171", out.toString(), "the bar goes first");
        StringWriter narrow = new StringWriter();
        new ProgressLine(new PrintWriter(narrow), true, 40).update(live);
        assertEquals(40, narrow.toString().length(), "cut to 39 characters after the \\r: " + narrow);
        StringWriter finished = new StringWriter();
        new ProgressLine(new PrintWriter(finished), true, 40).done(live);
        assertTrue(finished.toString().contains(live), "a finished line stays whole (it is not redrawn)");
    }

    /** A first slow image gave "0.9 images/s  ETA 3:21:12" for a 20 s decode. */
    @Test
    void noRateFromTheFirstFewItems() {
        assertEquals("  decoding  1/11,264 images  0%", ProgressLine.render("  decoding", 1, 0, 11_264, "images", 1.1, false));
    }

    @Test
    void elsewhereItPrintsPlainLinesOnly() {
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(out), false);
        ProgressLine.Meter meter = line.meter("  decoding", 1_000, "images");
        for (int i = 1; i <= 1_000; i++) {
            meter.at(i);   // a log gets a meter line at most every 10 s: none in this short loop
        }
        line.done("  decoded 1,000 images");
        assertEquals("  decoded 1,000 images" + System.lineSeparator(), out.toString());
        assertFalse(out.toString().contains("\r"));
    }

    @Test
    void countedNouns() {
        assertEquals("1 epoch", Words.count(1, "epoch"));
        assertEquals("3 epochs", Words.count(3, "epoch"));
        assertEquals("0 epochs", Words.count(0, "epoch"));
        assertEquals("12,000 classes", Words.count(12_000, "class"));
    }
}
