package io.voxtok.nn.activation;

import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Ref;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;

/** ELU against {@code torch.nn.ELU}; Snake against its closed form evaluated by PyTorch. */
class ActivationTest {
    @Test
    void eluMatchesTorch() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            Ref.assertClose(Ref.tensor("act_elu"), new Elu(1f).forward(Ref.nd(m, "act_x")), 1e-6, "elu");
        }
    }

    @Test
    void snakeMatchesClosedForm() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            Snake snake = new Snake(Ref.nd(m, "act_snake_alpha"));
            Ref.assertClose(Ref.tensor("act_snake"), snake.forward(Ref.nd(m, "act_x")), 1e-5, "snake");
        }
    }
}
