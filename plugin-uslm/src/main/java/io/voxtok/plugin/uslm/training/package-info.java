/** The official training forward (losses, top-10 accuracies) and the NAR stage draw. */
package io.voxtok.plugin.uslm.training;
