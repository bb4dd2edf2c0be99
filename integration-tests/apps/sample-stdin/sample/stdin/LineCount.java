package sample.stdin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Counts the lines piped to it, as a tool filtering its input would: what the agent reads of stdin, it loses. */
public final class LineCount {
    private LineCount() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        while (in.readLine() != null) {
            n++;
        }
        System.out.println("lines: " + n);
    }
}
