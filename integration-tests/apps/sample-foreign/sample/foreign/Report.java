package sample.foreign;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Instrumented: renders with the application's own Jackson. */
public class Report {
    private final ObjectMapper mapper = new ObjectMapper();

    public String render(Map<String, Object> values) throws Exception {
        return mapper.writeValueAsString(values);
    }
}
