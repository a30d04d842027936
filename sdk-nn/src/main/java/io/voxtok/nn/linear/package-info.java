/** Dense layers ({@code nn.Linear}). */
package io.voxtok.nn.linear;
