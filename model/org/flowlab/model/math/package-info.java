/** Special functions and quadrature rules the physics needs: modified Bessel functions, Gauss-Legendre. */
package org.flowlab.model.math;
