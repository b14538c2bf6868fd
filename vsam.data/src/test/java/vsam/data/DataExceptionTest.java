package vsam.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DataExceptionTest {

    @Test
    void messageIsOneLineNamingTheFileFirst() {
        IOException cause = new IOException("disk\nfailure");
        DataException e = DataException.about("a.bin", "cannot read: " + cause.getMessage(), cause);
        assertEquals("a.bin: cannot read: disk failure", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
