/** The rooms of this resource (the Rooms API), by id. Rules live in domain/room.ts. */
import type { Room } from '../domain/room.js';

export class RoomStore {
  private readonly rooms = new Map<string, Room>();

  get(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  put(room: Room): void {
    this.rooms.set(room.id, room);
  }

  delete(id: string): void {
    this.rooms.delete(id);
  }

  /** Rooms in creation order. */
  list(): Room[] {
    return [...this.rooms.values()];
  }

  reset(): void {
    this.rooms.clear();
  }
}
