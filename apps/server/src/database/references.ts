import { JoinColumn, ManyToOne, type ObjectType } from 'typeorm';

/**
 * A row's link to the row whose id its foreign-key `column` holds: many-to-one, joined on that column, with what
 * becomes of this row when that one is deleted (as the migrations declare it).
 */
export function References<T>(
  target: () => ObjectType<T>,
  column: string,
  onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT',
): PropertyDecorator {
  // In the order the two decorators applied when stacked as @ManyToOne @JoinColumn (the lower one first).
  return (prototype, property) => {
    JoinColumn({ name: column })(prototype, property);
    ManyToOne(target, { onDelete })(prototype, property);
  };
}
