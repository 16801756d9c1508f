import { describeCoordinator } from './coordinator.contract.js';
import { MemoryCoordinator } from './memory-coordinator.js';

describeCoordinator('in-process', async () => new MemoryCoordinator(), false);
