/** The phone-teacher network, its architecture configuration and its model directory. */
package io.voxtok.plugin.phoneteacher.model;
