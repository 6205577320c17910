/** Course tools the lecture panes and the Lab open: RealNVP layer by layer, the gauge-invariance check. */
package org.flowlab.app.view.course;
