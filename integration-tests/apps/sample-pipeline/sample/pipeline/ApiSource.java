package sample.pipeline;

/** Another implementation of Source, through an abstract base class. */
public class ApiSource extends AbstractSource {
    @Override
    public int fetch(String table) {
        if (table.equals("broken")) {
            throw new IllegalArgumentException("GET https://api.example.com/v1/broken?token=abc123 failed for bob@example.com");
        }
        return 42;
    }
}
