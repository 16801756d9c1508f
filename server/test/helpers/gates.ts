/** A barrier a hook parks on: the test waits until something `reached` it, then `open`s it. */
export class Gate {
  private arrive: () => void = () => undefined;
  private release: () => void = () => undefined;
  /** resolves when a request is parked at the gate */
  readonly reached = new Promise<void>((resolve) => {
    this.arrive = resolve;
  });
  private readonly opened = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  async pass(): Promise<void> {
    this.arrive();
    await this.opened;
  }
  open(): void {
    this.release();
  }
}

/** Gates per hook point and key; a hook with no gate set for its key runs straight through. */
export class Gates {
  private readonly gates = new Map<string, Gate>();
  set(point: string, key: string): Gate {
    const gate = new Gate();
    this.gates.set(`${point}\n${key}`, gate);
    return gate;
  }
  async pass(point: string, key: string): Promise<void> {
    const gate = this.gates.get(`${point}\n${key}`);
    if (gate) {
      this.gates.delete(`${point}\n${key}`);
      await gate.pass();
    }
  }
}
