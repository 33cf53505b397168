// A first-in first-out queue with O(1) push and shift: the receiver's rings of spans and log
// records. An Array's shift() moves every element; this keeps a head index and compacts once
// the dead prefix is half the array.
export class Ring<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The i-th item from the oldest (0) to the newest (length - 1). */
  at(i: number): T | undefined {
    return this.items[this.head + i];
  }
}
