package io.pitwall.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.pitwall.queue.SafeText;

import java.io.PrintWriter;

/** Where a command writes: one JSON document, or text for a person. Logs never go here. */
final class Output {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    void json(Object document) {
        try {
            out.println(JSON.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Text for a terminal: database text inside it (errors, reasons, payloads) cannot send escape sequences. */
    void line(String text) {
        out.println(SafeText.visible(text));
        out.flush();
    }
}
