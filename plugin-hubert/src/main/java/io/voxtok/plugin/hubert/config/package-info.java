/** HuBERT model and input configuration read from Hugging Face JSON files. */
package io.voxtok.plugin.hubert.config;
