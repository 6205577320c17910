/** JFreeChart-FX charts for live training curves and histograms. */
package org.flowlab.app.chart;
