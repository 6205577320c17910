/** Flows on the circle: circular rational-quadratic splines and the von Mises circle flow. */
package org.flowlab.model.flow.circle;
