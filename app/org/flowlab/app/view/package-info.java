/** Views of the lab: parameter forms, field pictures and the main layout. */
package org.flowlab.app.view;
