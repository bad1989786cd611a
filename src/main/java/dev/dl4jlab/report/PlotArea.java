package dev.dl4jlab.report;

import java.awt.Graphics2D;

/** A plot's two axes and the pixel rectangle they span: where a value is drawn, and the frame drawn around it. */
record PlotArea(LineChart.Axis x, LineChart.Axis y, int left, int right, int top, int bottom) {

    double px(double value) {
        return LineChart.position(x, value, left, right);
    }

    double py(double value) {
        return LineChart.position(y, value, bottom, top);
    }

    /** Grid, ticks, border and axis titles, the y title's baseline at {@code yTitleX}. */
    void drawFrame(Graphics2D g, int yTitleX) {
        LineChart.drawFrame(g, x, y, left, right, top, bottom, yTitleX);
    }
}
