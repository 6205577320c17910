/** The Basics tab: machine learning from zero (fit a function, classify points, why convolutions). */
package org.flowlab.app.view.basics;
