/**
 * The host side of {@code voxtok bench tokenizers}: subjects ({@code subject}), the token cache ({@code cache}),
 * the corpus ({@code corpus}), running {@link io.voxtok.api.bench.Benchmark} plugins with progress and resume
 * ({@code run}), and the report with its plots ({@code report}, {@code plot}).
 */
package io.voxtok.bench;
