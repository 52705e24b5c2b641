import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An API token. Only the SHA-256 of its secret is stored: the token itself (`rsw_<id>_<secret>`) is shown once,
 * when it is created, and cannot be read back from the database.
 */
@Entity('api_token')
export class ApiTokenEntity {
  /** 16 hex digits, the public part of the token (what `tokens list` shows and `tokens revoke` takes). */
  @PrimaryColumn('varchar')
  id!: string;

  @Column('varchar', { nullable: true })
  name!: string | null;

  /** Hex SHA-256 of the secret part. */
  @Column('varchar')
  secretHash!: string;

  @Column('datetime')
  createdAt!: Date;

  /** Set when revoked; a revoked token is kept (listed) but never accepted again. */
  @Column('datetime', { nullable: true })
  revokedAt!: Date | null;
}
