import type { FindManyOptions, ObjectLiteral, Repository } from 'typeorm';
import type { PageRows } from '../common/page';

/** Page `page` (1-based, `pageSize` rows) of the rows `where` selects in `order`, and how many rows it selects in all. */
export async function findPage<Entity extends ObjectLiteral>(
  repository: Repository<Entity>,
  query: Pick<FindManyOptions<Entity>, 'where' | 'order'>,
  page: number,
  pageSize: number,
): Promise<PageRows<Entity>> {
  const [items, total] = await repository.findAndCount({ ...query, skip: (page - 1) * pageSize, take: pageSize });
  return { items, total };
}
