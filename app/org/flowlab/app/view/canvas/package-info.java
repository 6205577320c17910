/** Canvas pictures: lattice fields as heat maps, the circle and the plane. */
package org.flowlab.app.view.canvas;
