/** The Compare tab: two runs on the same target trained side by side. */
package org.flowlab.app.view.compare;
